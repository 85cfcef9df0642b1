"""The domain: catalogue, geography, inputs and their validation, the mapping to the
optimizer's input, results, privacy, roles, errors."""
