include(`/etc/passwd')sinclude(`x')
