// SPDX-License-Identifier: GPL-2.0
/*
 * How rivet's guest ends a run and reports its exit status to the host (docs/guest.md).
 *
 *  - /dev/halt: writing a decimal status N (0 <= N < 2^28, optional trailing newline) halts
 *    the machine at once with exit code N, through SBI SRST (shutdown) with the vendor reason
 *    0xF0000000 | N; rivet's firmware turns that into an HTIF halt with exit code N.
 *    cartesi-init writes the entrypoint's exit status here after sync(). CAP_SYS_BOOT only.
 *  - A kernel panic (CONFIG_PANIC_TIMEOUT=-1 reboots at once) is turned into SRST with the
 *    reason "system failure", which the firmware reports as exit code 255, so a panic never
 *    looks like success. A plain reboot or power-off keeps the kernel's own SRST path.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/notifier.h>
#include <linux/panic.h>
#include <linux/reboot.h>
#include <linux/uaccess.h>
#include <asm/sbi.h>

#define SRST_REASON_VENDOR_STATUS 0xF0000000UL
#define SRST_STATUS_LIMIT 0x10000000UL

static void halt_srst(unsigned long reason)
{
	sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, SBI_SRST_RESET_TYPE_SHUTDOWN, reason, 0, 0, 0,
		  0);
}

static ssize_t halt_write(struct file *file, const char __user *buf, size_t len, loff_t *pos)
{
	unsigned long status;
	int err;

	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	err = kstrtoul_from_user(buf, len, 10, &status);
	if (err)
		return err;
	if (status >= SRST_STATUS_LIMIT)
		return -ERANGE;
	halt_srst(SRST_REASON_VENDOR_STATUS | status);
	/* Only an SBI without SRST (not rivet's firmware) gets here. */
	return -EIO;
}

static const struct file_operations halt_fops = {
	.owner = THIS_MODULE,
	.write = halt_write,
};

static struct miscdevice halt_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "halt",
	.fops = &halt_fops,
	.mode = 0200,
};

static int halt_restart(struct notifier_block *nb, unsigned long mode, void *cmd)
{
	if (panic_in_progress())
		halt_srst(SBI_SRST_RESET_REASON_SYS_FAILURE);
	return NOTIFY_DONE;
}

/* Ahead of the kernel's SBI restart handler (priority 192). */
static struct notifier_block halt_restart_nb = {
	.notifier_call = halt_restart,
	.priority = 200,
};

static int __init halt_init(void)
{
	int err = register_restart_handler(&halt_restart_nb);

	if (err)
		return err;
	return misc_register(&halt_misc);
}
device_initcall(halt_init);
