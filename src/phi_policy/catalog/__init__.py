"""The control catalog: the toolkit controls use, pack loading, the regulation table, coverage."""
