/* SPDX-License-Identifier: EUPL-1.2 */
/* The abbreviations read aloud in full (data/speech-words.txt), built into
 * the program as the search's words are. */
	.section .rodata
	.global speech_words_text
	.balign 16
speech_words_text:
	.incbin "speech-words.txt"
	.byte 0
	.section .note.GNU-stack,"",%progbits
