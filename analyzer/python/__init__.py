"""The python layer: an abstract interpreter of Python that knows nothing of dlt.

It owns values (exact Python data, or `Unknown` / `Raised`), the object model (functions,
classes, modules, attribute access, subscripts, calls: `objects`), the expression
evaluator (`evaluate`) and the statement interpreter with its import system
(`interpreter`, `imports`), and models of the builtins and stdlib pieces workspaces use
for constants (`builtins`, `stdlib`). Installed libraries plug their models in through
the registries in `modules` (module tables, what is loaded at import) and `calls`
(modeled callables), and through `values.LibraryObject` (objects with behavior of their
own); this layer never imports those models.

It may import the source layer only.
"""
