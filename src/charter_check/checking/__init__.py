"""From a manifest's path to its assessment under the project's configuration: one manifest
(``check``), and many shared among processes as they are rendered (``parallel``). Every command
that judges a manifest (validate, report, assess) goes through ``check.check_manifest``."""
