# wasi_thread_start(tid, arg): the entry point of a thread spawned with
# wasi-threads' thread-spawn. `arg` points at a struct wt_thread whose first
# field is the top of the thread's stack: every instance has its own
# __stack_pointer global, which starts at the main thread's stack, so it is
# set before any C code runs, then the C entry point takes over.
	.text
	.globaltype	__stack_pointer, i32
	.functype	wt_thread_main (i32, i32) -> ()
	.globl	wasi_thread_start
	.export_name	wasi_thread_start, wasi_thread_start
	.type	wasi_thread_start,@function
wasi_thread_start:
	.functype	wasi_thread_start (i32, i32) -> ()
	local.get	1
	i32.load	0
	global.set	__stack_pointer
	local.get	0
	local.get	1
	call	wt_thread_main
	end_function
