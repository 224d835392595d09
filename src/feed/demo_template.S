/* SPDX-License-Identifier: EUPL-1.2 */
/* The bundled demo feed template, built into the program so that
 * `aulataulu --demo` works from the build tree and after install alike. */
	.section .rodata
	.global demo_feed_template
	.balign 16
demo_feed_template:
	.incbin "demo-feed.template.json"
	.byte 0
	.section .note.GNU-stack,"",%progbits
