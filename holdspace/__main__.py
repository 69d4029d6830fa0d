"""``python -m holdspace`` runs the command line."""

from holdspace.cli import main

if __name__ == "__main__":
    main()
