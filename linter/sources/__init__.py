"""What is known of sources: registries (entities, reliability, AI patterns) and assessment."""
