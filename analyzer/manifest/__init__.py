"""The manifest layer: the intermediate model the rules read (`model`), the discovery of
jobs from the interpreted deployment module, as dlt's `generate_manifest` and detectors do
it (`discover`, `detectors`), and the manifest's bytes (`emit`).

It may import the dlt, python and source layers.
"""
