"""pandera models: the contract between transforms and the warehouse."""
