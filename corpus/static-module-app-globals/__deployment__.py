"""Workspace whose notebook creates its app in a function."""

import churn_notebook

__all__ = ["churn_notebook"]
