local i = ("a"):rep(100000):find(".-.-.-b")
