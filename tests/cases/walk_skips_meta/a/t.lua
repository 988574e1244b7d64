board "t" { include = { "rcar_h3" }, description = "beside the LuaLS definitions" }
