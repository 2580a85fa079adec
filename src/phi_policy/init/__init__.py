"""`phi-policy init`: the questionnaire and the starter config it writes."""
