"""Entry script of the bundle's second executable, ``etcdesk-cli`` (the console script of the
same name in a pip install). Qt-free, like ``etcdesk.cli`` itself."""

from etcdesk.cli import main

raise SystemExit(main())
