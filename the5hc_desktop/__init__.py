"""The5HC Desktop: fitness assessment and training management for personal-training gyms."""

__version__ = "0.1.0"
