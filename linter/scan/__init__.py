"""`factlint scan`: raw article text read, analysed, and drafted into claim stubs."""
