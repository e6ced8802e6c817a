from leadcli.entry import main

main()
