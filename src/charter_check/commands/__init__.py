"""One module per subcommand. Each exposes a plain function that takes parsed options and returns
an exit code; ``cli.py`` does all the argument parsing."""
