"""nbgrader integration: course roots, answers files to grades, the trainer's workflow."""
