"""``python -m charter_check`` runs the command line."""

from charter_check.launch import main

main()
