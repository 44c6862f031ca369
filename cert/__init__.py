"""The reference CERT service: receives sealed packages over mutual TLS and signs acknowledgements.

It stands outside the station and shares only the published formats of docs/cert-api.md."""
