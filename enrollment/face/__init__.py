"""Face image: capture quality (ICAO 9303 / ISO/IEC 19794-5) and the token image."""
