"""Word lists for the sample group: real trades, plausible people, businesses and leads."""

from __future__ import annotations

# (category, business suffix, typical deal in dollars: low, high)
TRADES: tuple[tuple[str, str, int, int], ...] = (
    ("Residential Realtor", "Realty", 4000, 18000),
    ("Commercial Realtor", "Commercial Properties", 8000, 60000),
    ("Mortgage Broker", "Home Loans", 1500, 6000),
    ("Commercial Lender", "Capital", 3000, 25000),
    ("Banker", "Community Bank", 500, 5000),
    ("CPA", "CPAs", 1200, 9000),
    ("Bookkeeper", "Bookkeeping", 600, 4000),
    ("Tax Preparer", "Tax Service", 250, 1500),
    ("Payroll Services", "Payroll", 1200, 7000),
    ("Business Attorney", "Law Group", 1500, 15000),
    ("Estate Planning Attorney", "Estate Law", 1200, 6000),
    ("Family Law Attorney", "Family Law", 2000, 12000),
    ("Insurance Agent", "Insurance Agency", 600, 5000),
    ("Health Insurance Broker", "Benefits", 800, 8000),
    ("Financial Planner", "Wealth Advisors", 1500, 12000),
    ("Plumber", "Plumbing", 250, 6000),
    ("Electrician", "Electric", 300, 9000),
    ("HVAC Contractor", "Heating & Air", 400, 12000),
    ("Roofer", "Roofing", 3000, 22000),
    ("General Contractor", "Builders", 8000, 90000),
    ("Kitchen Remodeler", "Kitchens", 12000, 60000),
    ("Painter", "Painting", 800, 9000),
    ("Flooring", "Floors", 1500, 14000),
    ("Landscaper", "Landscapes", 500, 15000),
    ("Tree Service", "Tree Care", 400, 4000),
    ("Pool Service", "Pools", 300, 4000),
    ("Pest Control", "Pest Control", 150, 1500),
    ("Window Cleaning", "Window Washing", 150, 1200),
    ("Cleaning Service", "Cleaning Co", 200, 4000),
    ("Home Inspector", "Inspections", 350, 900),
    ("Title Company", "Title & Escrow", 800, 4000),
    ("Property Manager", "Property Management", 1000, 12000),
    ("Moving Company", "Movers", 800, 6000),
    ("Locksmith", "Lock & Key", 100, 1200),
    ("Security Systems", "Security", 600, 9000),
    ("Solar Installer", "Solar", 9000, 40000),
    ("IT Consultant", "IT Solutions", 1500, 20000),
    ("Web Designer", "Web Studio", 1500, 12000),
    ("Marketing Consultant", "Marketing", 1500, 15000),
    ("Graphic Designer", "Design", 500, 5000),
    ("Copywriter", "Words", 400, 4000),
    ("Photographer", "Photography", 400, 4000),
    ("Videographer", "Video", 1000, 9000),
    ("Commercial Printer", "Printing", 300, 6000),
    ("Sign Maker", "Signs", 400, 7000),
    ("Promotional Products", "Promotions", 300, 5000),
    ("Staffing Agency", "Staffing", 2000, 20000),
    ("Business Coach", "Coaching", 1500, 10000),
    ("Event Planner", "Events", 1500, 15000),
    ("Caterer", "Catering", 800, 9000),
    ("Florist", "Flowers", 150, 3000),
    ("Bakery", "Bakery", 100, 1500),
    ("Travel Agent", "Travel", 500, 8000),
    ("Chiropractor", "Chiropractic", 300, 2500),
    ("Dentist", "Dental", 400, 6000),
    ("Optometrist", "Eye Care", 200, 1500),
    ("Massage Therapist", "Massage", 100, 1200),
    ("Personal Trainer", "Fitness", 300, 3000),
    ("Veterinarian", "Animal Hospital", 200, 3000),
    ("Auto Repair", "Auto Care", 300, 4000),
    ("Car Dealer", "Motors", 1500, 6000),
    ("Jeweler", "Jewelers", 500, 9000),
    ("Tailor", "Tailoring", 100, 1500),
    ("Interior Designer", "Interiors", 2000, 25000),
    ("Architect", "Architects", 5000, 60000),
    ("Structural Engineer", "Engineering", 2000, 15000),
    ("Office Furniture", "Office Furnishings", 1500, 30000),
    ("Telecom Provider", "Communications", 600, 9000),
    ("Shredding Service", "Shredding", 150, 1500),
    ("Courier Service", "Courier", 200, 3000),
    ("Translation Services", "Translations", 300, 4000),
    ("Senior Care", "Home Care", 2000, 20000),
    ("Funeral Director", "Funeral Home", 3000, 12000),
    ("Wedding Planner", "Weddings", 2000, 15000),
    ("Music Teacher", "Music Studio", 200, 2000),
    ("Tutoring", "Learning Center", 300, 4000),
    ("Daycare", "Kids Academy", 800, 9000),
    ("Pet Groomer", "Grooming", 80, 900),
    ("Appliance Repair", "Appliance Repair", 150, 1200),
    ("Garage Doors", "Garage Doors", 300, 3500),
    ("Fence Contractor", "Fencing", 1500, 12000),
    ("Concrete Contractor", "Concrete", 1500, 20000),
    ("Handyman", "Handyman Services", 150, 2500),
    ("Carpet Cleaning", "Carpet Care", 150, 1200),
    ("Mold Remediation", "Restoration", 1500, 15000),
    ("Notary", "Mobile Notary", 50, 400),
)

REGIONS = ("North", "South", "East", "West", "Downtown", "Uptown")

FIRST_NAMES = (
    "Ann", "Bob", "Carla", "Dev", "Elena", "Frank", "Grace", "Hector", "Irene", "Jamal", "Kim", "Luis",
    "Maya", "Nate", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes", "Xena",
    "Yusuf", "Zoe", "Aaron", "Bianca", "Chen", "Diane", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Joy",
    "Ken", "Lena", "Marco", "Nadia", "Omar", "Paula", "Raj", "Sofia", "Tom", "Ursula", "Victor", "Wendy",
)

LAST_NAMES = (
    "Archer", "Baker", "Castillo", "Dale", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
    "Kowalski", "Lopez", "Morgan", "Nguyen", "Okafor", "Patel", "Quintero", "Reyes", "Schmidt", "Turner",
    "Usman", "Vargas", "Walsh", "Xu", "Young", "Zimmerman", "Abbott", "Brennan", "Cho", "Dubois",
    "Edwards", "Ferreira", "Goldberg", "Hoffman", "Ibrahim", "Jackson", "Klein", "Larsen", "Murphy",
    "Novak", "O'Brien", "Price", "Rossi", "Sato", "Thompson", "Underwood", "Volkov", "Weiss",
)

COMPANY_WORDS = (
    "Acme", "Summit", "Harbor", "Pinecrest", "Riverside", "Blue Ridge", "Oakwood", "Granite", "Lakeside",
    "Northstar", "Silverline", "Cedar", "Maple Leaf", "Horizon", "Keystone", "Redwood", "Sterling", "Union",
    "Westgate", "Brightpath", "Crescent", "Evergreen", "Foxglove", "Golden Gate", "Highland", "Ironwood",
)

COMPANY_KINDS = (
    "Dental Group", "Manufacturing", "Logistics", "Bakery", "Fitness", "Property Group", "Veterinary Clinic",
    "Law Office", "Family Practice", "Construction", "Auto Group", "Hotel", "Software", "Brewing Co",
    "Restaurant Group", "Landscaping", "Academy", "Medical Supply", "Realty", "Insurance",
)

SUFFIXES = ("", " Inc", " LLC", " Co", ", Inc.", " Corp")

TITLES = (
    "Owner", "Office Manager", "Operations Director", "CFO", "Practice Manager", "General Manager", "President",
    "Facilities Manager", "HR Director", "Homeowner", "Marketing Manager", "Controller",
)

NEEDS = (
    "is opening a second location in the spring and needs {what} before the build-out starts",
    "just bought a 1960s house and wants {what} done before they move in next month",
    "has outgrown their current provider and is looking for {what} this quarter",
    "had a bad experience with their last vendor and wants {what} set up properly",
    "is hiring six people and needs {what} in place before they start",
    "is retiring from the business next year and asked about {what}",
    "is expecting a baby in March and wants {what} sorted out before then",
    "has water damage in the basement after the storm and needs {what} right away",
)

WHAT = {
    "default": "a reliable {trade} they can trust",
}

SOURCES = (
    # (name, quality early, quality late): the chance that a lead from it is won drifts between the two
    ("past client", 0.45, 0.45),
    ("networking mixer", 0.40, 0.08),
    ("chamber of commerce", 0.10, 0.38),
    ("neighbor", 0.25, 0.22),
    ("social media", 0.12, 0.10),
    ("trade show", 0.20, 0.15),
    ("family", 0.35, 0.30),
    ("newspaper", 0.05, 0.05),
)

ATTENDANCE_HABITS = (
    # (share of members, chance of coming, chance of being late when coming)
    (0.35, 0.98, 0.03),
    (0.45, 0.90, 0.08),
    (0.20, 0.72, 0.15),
)
