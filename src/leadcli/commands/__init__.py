"""One module per noun: parse options, call one domain function, render."""
