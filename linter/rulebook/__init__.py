"""Rules as files: the rulebook, its documentation, and the check kinds behind the rules."""
