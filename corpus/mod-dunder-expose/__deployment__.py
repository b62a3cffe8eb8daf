"""Finance reporting workspace"""

import finance_notebook
import ops_board
import ledger_sync
import tax_tools

__all__ = ["finance_notebook", "ops_board", "ledger_sync", "tax_tools"]
