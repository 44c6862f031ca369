"""Reference data the station's rules depend on (fee table and thresholds, communes, trust lists), published
by the CERT as signed, versioned envelopes (docs/reference-data.md), fetched, verified and cached here."""
