"""Site profiles (pure model) and their TOML loading, families and validation."""
