from uppsikt.cli import main

main()
