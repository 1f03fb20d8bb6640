"""The matching engine: pure Python, no Django. Normalisation of multilingual names,
dates and documents, comparison features with explanations (scoring and indexes to come)."""
