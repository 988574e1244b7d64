board "../../x" { }
guest "a\nb" { }
fragment ".." { }
board "ok" { a = force(1), b = default { 1 }, c = remove { 2 } }
