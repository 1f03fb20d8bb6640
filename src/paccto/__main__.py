from paccto.cli import main

main()
