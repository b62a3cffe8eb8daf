"""Forecasting workspace (Berlin office)"""

import forecast_notebook
import retrain_model
import model_server

__all__ = ["forecast_notebook", "retrain_model", "model_server"]
