from kg.cli import main

if __name__ == "__main__":  # not when a spawned worker imports this module as its parent's main
    main(prog_name="kg")
