"""Reading text: quantities, dates, figure extraction, attribution, sentences, quotes."""
