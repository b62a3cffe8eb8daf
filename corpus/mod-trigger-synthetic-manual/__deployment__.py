"""Customer exports"""

import customer_export
import export_notebook

__all__ = ["customer_export", "export_notebook"]
