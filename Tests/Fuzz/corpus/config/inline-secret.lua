return { profiles = { bad = { client_secret = "inline" } } }
