"""Checks that read built HTML (the site tests call them): numbers without a source, urgent advice
written by hand. They may import medref.data and medref.render; nothing imports them but the tests."""
