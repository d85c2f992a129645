"""The project's files: reading them safely, writing them atomically, hashing their bytes."""
