from etcdesk.app import main

raise SystemExit(main())
