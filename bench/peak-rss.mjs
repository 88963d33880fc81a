// Preloaded into a benchmarked child: prints its peak resident memory when it exits.
process.on('exit', () => process.stderr.write(`peak-rss-mb=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`));
