"""What the wizard's pages show, built from the selectors' reads: a step's context and texts, and the cache of
rendered steps. Views parse the request and pass plain values; only filling a cached page asks the request for
its CSRF token and CSP nonce."""
