//go:build tools

package internal

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/mmcdole/gofeed"
	_ "golang.org/x/time/rate"
)
