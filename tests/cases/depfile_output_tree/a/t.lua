-- Earlier renders wrote into this recipe folder: old/ (made by render) and
-- kept/ (made by hand, its guests/ by render). Their
-- folders are neither walked nor named in the depfile.
board "t" { include = { "rcar_h3" }, description = "beside earlier outputs" }
