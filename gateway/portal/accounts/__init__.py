"""Stakeholder accounts, roles and signed access tokens: the gateway app's own data."""
