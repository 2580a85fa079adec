"""The config: strict YAML loading, schema validation, decisions, config discovery."""
