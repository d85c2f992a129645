from linter.entry import main

main(fast_exit=False)  # see linter.entry: a profiler or debugger running the module sees it end
