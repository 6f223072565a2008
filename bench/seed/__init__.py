"""The generator of realistic bench data: organisation, cases and their trail, bulk loading."""
