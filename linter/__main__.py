from linter.cli.main import main

main(fast_exit=False)  # see linter.cli.main: a profiler or debugger running the module sees it end
