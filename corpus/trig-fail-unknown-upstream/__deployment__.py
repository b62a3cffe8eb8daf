"""HR data workspace"""

from hris import extract_employees, load_headcount, notify_hr

# extract_employees is imported but not deployed: the followups below point nowhere
__all__ = ["load_headcount", "notify_hr"]
