changequote(`', `')define(__X__, y)
